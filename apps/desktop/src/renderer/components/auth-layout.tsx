import { Box, Center, Group, Paper, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../i18n';
import { LegalLinks } from './legal-links';
import { WaveIcon } from './wave-icon';

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
