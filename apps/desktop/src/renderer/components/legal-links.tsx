import { Anchor, Group } from '@mantine/core';
import { t } from '../i18n';
import { href } from '../router';

/** Links to the privacy policy and the terms, for the sign-in pages and the app. */
export function LegalLinks(props: { mt?: string }) {
  return (
    <Group gap="md" justify="center" mt={props.mt}>
      <Anchor href={href('/privacidade')} size="xs" c="dimmed">
        {t('privacy.privacyPolicy')}
      </Anchor>
      <Anchor href={href('/termos')} size="xs" c="dimmed">
        {t('privacy.terms')}
      </Anchor>
    </Group>
  );
}
