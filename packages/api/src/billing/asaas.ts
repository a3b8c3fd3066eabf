import { AsaasClient } from 'asaas';
import type { BillingType } from '@picineiros/db/constants';
import { z } from '../shared/validation';

// A small typed adapter over the `asaas` package (unofficial, loosely typed: every response is validated
// here with our own schemas, so a surprise in Asaas's answer fails loudly at the edge instead of deep in the
// billing rules). General enough for one-off charges (charging the professional's own clients later).
// Asaas speaks reais as decimals; the rest of Picineiros speaks integer cents: convert only here.

export const ASAAS_BILLING_TYPES: Record<BillingType, 'PIX' | 'BOLETO' | 'CREDIT_CARD'> = {
  pix: 'PIX',
  boleto: 'BOLETO',
  credit_card: 'CREDIT_CARD',
};

export function billingTypeFromAsaas(value: string | null | undefined): BillingType {
  if (value === 'BOLETO') return 'boleto';
  if (value === 'CREDIT_CARD') return 'credit_card';
  return 'pix';
}

export const centsToReais = (cents: number): number => cents / 100;
export const reaisToCents = (reais: number): number => Math.round(reais * 100);

export const ZAsaasCustomer = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  cpfCnpj: z.string().nullish(),
  email: z.string().nullish(),
  externalReference: z.string().nullish(),
  deleted: z.boolean().nullish(),
});
export type AsaasCustomer = z.infer<typeof ZAsaasCustomer>;

export const ZAsaasSubscription = z.looseObject({
  id: z.string().min(1),
  customer: z.string().min(1),
  billingType: z.string(),
  value: z.number(),
  nextDueDate: z.string().nullish(),
  cycle: z.string().nullish(),
  description: z.string().nullish(),
  status: z.string().nullish(),
  externalReference: z.string().nullish(),
  deleted: z.boolean().nullish(),
});
export type AsaasSubscription = z.infer<typeof ZAsaasSubscription>;

export const ZAsaasPayment = z.looseObject({
  id: z.string().min(1),
  customer: z.string().min(1),
  subscription: z.string().nullish(),
  value: z.number(),
  dueDate: z.iso.date(),
  status: z.string(),
  billingType: z.string(),
  invoiceUrl: z.string().nullish(),
  externalReference: z.string().nullish(),
  paymentDate: z.string().nullish(),
  confirmedDate: z.string().nullish(),
  description: z.string().nullish(),
  deleted: z.boolean().nullish(),
});
export type AsaasPayment = z.infer<typeof ZAsaasPayment>;

export const ZAsaasPixQrCode = z.looseObject({
  encodedImage: z.string().nullish(),
  payload: z.string().min(1),
  expirationDate: z.string().nullish(),
});
export type AsaasPixQrCode = z.infer<typeof ZAsaasPixQrCode>;

const ZAsaasList = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    data: z.array(item),
    hasMore: z.boolean().nullish(),
    totalCount: z.number().nullish(),
  });

const ZAsaasDeleted = z.looseObject({ deleted: z.boolean().nullish(), id: z.string().nullish() });

/** A webhook delivery: `{ id, event, dateCreated, payment? , subscription? }`. */
export const ZAsaasWebhookEvent = z.looseObject({
  id: z.string().min(1).max(200),
  event: z.string().min(1).max(60),
  dateCreated: z.string().nullish(),
  payment: ZAsaasPayment.nullish(),
  subscription: ZAsaasSubscription.nullish(),
});
export type AsaasWebhookEvent = z.infer<typeof ZAsaasWebhookEvent>;

export type AsaasErrorDetail = { code: string; description: string };

/** Asaas refused a request (`status` 4xx with `errors`) or did not answer as documented. */
export class AsaasError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly errors: AsaasErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AsaasError';
  }
}

export type CreateCustomerInput = {
  name: string;
  cpfCnpj: string;
  email?: string;
  externalReference: string;
};

export type CreateSubscriptionInput = {
  customer: string;
  billingType: BillingType;
  valueCents: number;
  /** Local date 'YYYY-MM-DD' of the first invoice. */
  nextDueDate: string;
  description: string;
  externalReference: string;
};

export type UpdateSubscriptionInput = {
  valueCents?: number;
  billingType?: BillingType;
  description?: string;
  /** Also reprice invoices already generated and not yet paid. */
  updatePendingPayments?: boolean;
};

export type CreatePaymentInput = {
  customer: string;
  billingType: BillingType;
  valueCents: number;
  dueDate: string;
  description: string;
  externalReference?: string;
};

/** What billing needs from Asaas; tests and the embedded mode point it at the local fake. */
export type AsaasGateway = {
  findCustomerByExternalReference(externalReference: string): Promise<AsaasCustomer | null>;
  createCustomer(input: CreateCustomerInput): Promise<AsaasCustomer>;
  createSubscription(input: CreateSubscriptionInput): Promise<AsaasSubscription>;
  updateSubscription(id: string, input: UpdateSubscriptionInput): Promise<AsaasSubscription>;
  deleteSubscription(id: string): Promise<void>;
  listSubscriptionPayments(id: string): Promise<AsaasPayment[]>;
  /** A one-off charge (not used by the subscription flow; for charging clients later). */
  createPayment(input: CreatePaymentInput): Promise<AsaasPayment>;
  getPayment(id: string): Promise<AsaasPayment>;
  getPixQrCode(paymentId: string): Promise<AsaasPixQrCode>;
};

export type AsaasGatewayOptions = {
  /** Including the version, e.g. https://api-sandbox.asaas.com/v3 or https://api.asaas.com/v3. */
  baseUrl: string;
  apiKey: string;
};

const ZAsaasErrorBody = z.object({
  errors: z.array(z.object({ code: z.string().catch(''), description: z.string().catch('') })),
});

/** Axios errors from the package carry `response.status` and Asaas's `{ errors: [...] }` body. */
function toAsaasError(error: unknown, operation: string): AsaasError {
  if (error instanceof AsaasError) return error;
  const response =
    typeof error === 'object' && error !== null && 'response' in error
      ? (error as { response?: { status?: unknown; data?: unknown } }).response
      : undefined;
  const status = typeof response?.status === 'number' ? response.status : null;
  const body = ZAsaasErrorBody.safeParse(response?.data);
  const errors = body.success ? body.data.errors : [];
  const detail = errors.map((item) => item.description || item.code).join('; ');
  const reason = detail || (error instanceof Error ? error.message : String(error));
  return new AsaasError(
    `Asaas ${operation} failed${status ? ` (${status})` : ''}: ${reason}`,
    status,
    errors,
  );
}

const ASAAS_TIMEOUT_MS = 20_000;

async function call<T extends z.ZodType>(
  operation: string,
  schema: T,
  request: () => Promise<unknown>,
): Promise<z.infer<T>> {
  let data: unknown;
  let timer: NodeJS.Timeout | undefined;
  // The package's axios instance has no timeout and no way to set one: stop waiting here instead.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new AsaasError(`Asaas ${operation}: no answer in ${ASAAS_TIMEOUT_MS / 1000} s`, null));
    }, ASAAS_TIMEOUT_MS);
  });
  try {
    data = await Promise.race([request(), timeout]);
  } catch (error) {
    throw toAsaasError(error, operation);
  } finally {
    clearTimeout(timer);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AsaasError(
      `Asaas ${operation}: unexpected answer (${parsed.error.issues[0]?.message ?? ''})`,
      null,
    );
  }
  return parsed.data;
}

export function createAsaasGateway(options: AsaasGatewayOptions): AsaasGateway {
  const client = new AsaasClient(options.apiKey, {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    // The package logs every failure to the console (with the request, API key header included): never.
    printError: false,
    userAgent: 'picineiros',
  });
  return {
    async findCustomerByExternalReference(externalReference) {
      const list = await call('list customers', ZAsaasList(ZAsaasCustomer), () =>
        client.customers.list({ externalReference, limit: 10 }),
      );
      return list.data.find((customer) => !customer.deleted) ?? null;
    },
    createCustomer: (input) =>
      call('create customer', ZAsaasCustomer, () =>
        client.customers.new({
          name: input.name,
          cpfCnpj: input.cpfCnpj,
          externalReference: input.externalReference,
          ...(input.email ? { email: input.email } : {}),
        }),
      ),
    createSubscription: (input) =>
      call('create subscription', ZAsaasSubscription, () =>
        client.subscriptions.create({
          customer: input.customer,
          billingType: ASAAS_BILLING_TYPES[input.billingType],
          value: centsToReais(input.valueCents),
          nextDueDate: input.nextDueDate,
          cycle: 'MONTHLY',
          description: input.description,
          externalReference: input.externalReference,
        }),
      ),
    updateSubscription: (id, input) =>
      call('update subscription', ZAsaasSubscription, () =>
        client.subscriptions.updateById(id, {
          ...(input.valueCents === undefined ? {} : { value: centsToReais(input.valueCents) }),
          ...(input.billingType ? { billingType: ASAAS_BILLING_TYPES[input.billingType] } : {}),
          ...(input.description ? { description: input.description } : {}),
          ...(input.updatePendingPayments === undefined
            ? {}
            : { updatePendingPayments: input.updatePendingPayments }),
        }),
      ),
    async deleteSubscription(id) {
      await call('delete subscription', ZAsaasDeleted, () => client.subscriptions.delete(id));
    },
    async listSubscriptionPayments(id) {
      const list = await call('list subscription payments', ZAsaasList(ZAsaasPayment), () =>
        client.subscriptions.getPayments(id),
      );
      return list.data;
    },
    createPayment: (input) =>
      call('create payment', ZAsaasPayment, () =>
        client.payments.new({
          customer: input.customer,
          billingType: ASAAS_BILLING_TYPES[input.billingType],
          value: centsToReais(input.valueCents),
          // The package types dueDate as Date but sends it as JSON: a 'YYYY-MM-DD' string is what Asaas wants.
          dueDate: input.dueDate as unknown as Date,
          description: input.description,
          ...(input.externalReference ? { externalReference: input.externalReference } : {}),
        }),
      ),
    getPayment: (id) => call('get payment', ZAsaasPayment, () => client.payments.getById(id)),
    getPixQrCode: (paymentId) =>
      call('get PIX QR code', ZAsaasPixQrCode, () => client.payments.getPixQrCode(paymentId)),
  };
}
