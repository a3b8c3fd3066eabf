// The company details clients see (reports, PDFs, e-mails): one view and one way of writing them.
// Client-safe (no ORM): the desktop core prints them on the PDFs it exports.
import { formatAddressLine, viewAddress, type AddressColumns, type AddressView } from '../shared/address';
import { documentTypeOf, maskDocument, maskPhone, type DocumentType } from '../shared/brazil';

export type CompanyDetails = {
  name: string;
  document: string | null;
  documentType: DocumentType | null;
  documentMasked: string | null;
  phone: string | null;
  phoneMasked: string | null;
  replyToEmail: string | null;
  address: AddressView;
};

type CompanyColumns = AddressColumns & {
  name: string;
  document?: string | null;
  phone?: string | null;
  replyToEmail?: string | null;
};

export function describeCompany(organization: CompanyColumns): CompanyDetails {
  const document = organization.document ?? null;
  return {
    name: organization.name,
    document,
    documentType: document ? documentTypeOf(document) : null,
    documentMasked: document ? maskDocument(document) : null,
    phone: organization.phone ?? null,
    phoneMasked: organization.phone ? maskPhone(organization.phone) : null,
    replyToEmail: organization.replyToEmail ?? null,
    address: viewAddress(organization),
  };
}

/**
 * The details under the company's name, at most two lines:
 * 'CNPJ 12.345.678/0001-95 · Tel. (11) 3456-7890 · contato@empresa.com.br' and the address. Empty when
 * nothing is filled in.
 */
export function companyContactLines(company: CompanyDetails): string[] {
  const document = company.documentMasked
    ? `${company.documentType === 'cpf' ? 'CPF' : 'CNPJ'} ${company.documentMasked}`
    : null;
  const contacts = [document, company.phoneMasked && `Tel. ${company.phoneMasked}`, company.replyToEmail]
    .filter(Boolean)
    .join(' · ');
  return [contacts, formatAddressLine(company.address)].filter(Boolean);
}
