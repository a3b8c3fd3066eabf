import { Anchor, Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { t } from '../i18n';
import { privacyPolicy, termsOfUse, type LegalDocument } from '../i18n/legal';
import { href } from '../router';
import { AppMark } from '../components/app-mark';

function LegalText({ document }: { document: LegalDocument }) {
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{document.title}</Title>
        <Text size="sm" c="dimmed">
          {t('privacy.lastUpdated', { date: document.updated })}
        </Text>
      </div>
      {document.sections.map((section) => (
        <Stack key={section.heading} gap={6}>
          <Title order={4}>{section.heading}</Title>
          {section.paragraphs.map((paragraph) => (
            <Text key={paragraph} size="sm" style={{ lineHeight: 1.6 }}>
              {paragraph}
            </Text>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

/** The policy or the terms: inside the app's layout when signed in, on a page of their own when not. */
export function LegalPage({ kind, signedIn }: { kind: 'privacy' | 'terms'; signedIn: boolean }) {
  const document = kind === 'privacy' ? privacyPolicy : termsOfUse;
  if (signedIn) {
    return (
      <Paper withBorder p="xl" maw={860}>
        <LegalText document={document} />
      </Paper>
    );
  }
  return (
    <Box bg="var(--mantine-color-cyan-0)" mih="100vh" py="xl">
      <Container size={860}>
        <Group gap="xs" mb="lg" justify="space-between">
          <AppMark large />
          <Anchor href={href('/')} size="sm">
            {t('common.back')}
          </Anchor>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <LegalText document={document} />
        </Paper>
      </Container>
    </Box>
  );
}
