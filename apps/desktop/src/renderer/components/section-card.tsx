import { Card, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered card with a bold title: the section block of the dashboard, client and settings pages. */
export function SectionCard({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder>
      <Text fw={600} mb="sm">
        {title}
      </Text>
      {children}
    </Card>
  );
}
