import { isOpen, type FakePayment } from './model';

/** The payer's invoice page (Asaas's `invoiceUrl`): the amount, the status and "Simular pagamento". */
export function invoicePage(paymentId: string, payment: FakePayment | undefined): string {
  if (!payment) return '<!doctype html><p>Fatura não encontrada.</p>';
  const value = payment.value.toFixed(2).replace('.', ',');
  const payable = isOpen(payment);
  return `<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Fatura ${payment.invoiceNumber} (simulador Asaas)</title>
<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">
<h1>Fatura ${payment.invoiceNumber}</h1><p>Simulador local do Asaas — nenhum dinheiro de verdade.</p>
<p>${payment.description ?? ''}<br>Valor: R$ ${value}<br>Vencimento: ${payment.dueDate}<br>Forma: ${payment.billingType}<br>Situação: <strong>${payment.status}</strong></p>
${payable ? `<form method="post" action="/i/${paymentId.slice(4)}/pay"><button type="submit">Simular pagamento</button></form>` : ''}
</body></html>`;
}
