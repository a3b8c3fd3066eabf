import { useEffect } from 'react';
import { usePath } from '../router';

// Links into a page's record ('#/appointments?visit=<id>', '#/finance?entry=<id>'), as the notifications give
// them: the page reads the id, shows the record, then drops the parameter so that closing the record does not
// open it again and the back button returns to where the link was followed.

/** The link's record id on this page, or null. */
export function useLinkParam(name: string): string | null {
  const path = usePath();
  const query = path.split('?')[1];
  return query ? new URLSearchParams(query).get(name) : null;
}

/** A page's link to one record: `#/appointments?visit=<id>`. */
export function linkTo(page: '/appointments' | '/finance', param: string, id: string): string {
  return `${page}?${new URLSearchParams({ [param]: id }).toString()}`;
}

/** Once the linked record has loaded, hands it to `show` and removes the parameter from the address. */
export function useShowLinked<T>(record: T | undefined, show: (record: T) => void): void {
  useEffect(() => {
    if (record === undefined) return;
    show(record);
    const { hash } = window.location;
    // replaceState: no new history entry; the router hears of it through the event it listens to.
    const address = `${window.location.pathname}${window.location.search}${hash.split('?')[0] ?? ''}`;
    window.history.replaceState(null, '', address);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    // `show` is a fresh closure each render; the record changing is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [record]);
}
