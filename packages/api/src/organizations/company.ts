// The company details clients see (reports, PDFs, e-mails): one view and one way of writing them.
// Client-safe (no ORM): the desktop core prints them on the PDFs it exports.
import { formatAddressLine, viewAddress, type AddressColumns } from '../shared/address';
import { viewContact, type ContactColumns } from '../shared/contact';
import type { TCompanyDetails } from './schema';

type CompanyColumns = AddressColumns &
  ContactColumns & {
    name: string;
    replyToEmail?: string | null;
  };

export function describeCompany(organization: CompanyColumns): TCompanyDetails {
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
export function companyContactLines(company: TCompanyDetails): string[] {
  const document = company.documentMasked
    ? `${company.documentType === 'cpf' ? 'CPF' : 'CNPJ'} ${company.documentMasked}`
    : null;
  const contacts = [document, company.phoneMasked && `Tel. ${company.phoneMasked}`, company.replyToEmail]
    .filter(Boolean)
    .join(' · ');
  return [contacts, formatAddressLine(company.address)].filter(Boolean);
}
