import { Box, Center, Group, Paper, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../i18n';
import { LegalLinks } from './privacy';

export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <Center mih="100vh" bg="var(--mantine-color-cyan-0)" p="md">
      <Box w={420}>
        <Group gap="xs" mb="lg" justify="center">
          <ThemeIcon size="lg" radius="xl" color="cyan" aria-hidden>
            <WaveIcon />
          </ThemeIcon>
          <Text fw={800} size="xl" c="cyan.9">
            {t('app.name')}
          </Text>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {children}
        </Paper>
        <Text c="dimmed" size="xs" ta="center" mt="md">
          {t('app.tagline')}
        </Text>
        <LegalLinks mt="xs" />
      </Box>
    </Center>
  );
}

export function WaveIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M2 12c2-2 4-2 6 0s4 2 6 0 4-2 6 0" />
      <path d="M2 17c2-2 4-2 6 0s4 2 6 0 4-2 6 0" />
      <path d="M2 7c2-2 4-2 6 0s4 2 6 0 4-2 6 0" />
    </svg>
  );
}
