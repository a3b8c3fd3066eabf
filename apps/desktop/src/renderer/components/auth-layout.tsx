import { Box, Center, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../i18n';
import { LegalLinks } from './legal-links';
import { AppMark } from './app-mark';

export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <Center mih="100vh" bg="var(--mantine-color-cyan-0)" p="md">
      <Box w={420}>
        <Group mb="lg" justify="center">
          <AppMark large />
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
