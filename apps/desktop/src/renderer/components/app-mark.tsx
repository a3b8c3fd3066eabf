import { Group, Text, ThemeIcon } from '@mantine/core';
import { t } from '../i18n';

/** The app's mark: three waves. */
function WaveIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M2 12c2-2 4-2 6 0s4 2 6 0 4-2 6 0" />
      <path d="M2 17c2-2 4-2 6 0s4 2 6 0 4-2 6 0" />
      <path d="M2 7c2-2 4-2 6 0s4 2 6 0 4-2 6 0" />
    </svg>
  );
}

/** The mark and the app's name: large on the sign-in and legal pages, regular in the app's header. */
export function AppMark({ large = false }: { large?: boolean }) {
  return (
    <Group gap="xs">
      <ThemeIcon {...(large ? { size: 'lg' } : {})} radius="xl" color="cyan" aria-hidden>
        <WaveIcon />
      </ThemeIcon>
      <Text fw={800} c="cyan.9" {...(large ? { size: 'xl' } : {})}>
        {t('app.name')}
      </Text>
    </Group>
  );
}
