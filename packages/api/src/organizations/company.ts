// The company details clients see (reports, PDFs, e-mails): one view and one way of writing them.
// Client-safe (no ORM): the desktop core prints them on the PDFs it exports.
import { formatAddressLine, viewAddress, type AddressColumns, type AddressView } from '../shared/address';
import { viewContact, type ContactColumns, type ContactView } from '../shared/contact';

export type CompanyDetails = { name: string } & ContactView & {
    replyToEmail: string | null;
    address: AddressView;
  };

type CompanyColumns = AddressColumns &
  ContactColumns & {
    name: string;
    replyToEmail?: string | null;
  };

export function describeCompany(organization: CompanyColumns): CompanyDetails {
  return {
    name: organization.name,
    ...viewContact(organization),
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
