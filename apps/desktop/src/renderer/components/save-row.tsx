import { Button, Group } from '@mantine/core';
import { t } from '../i18n';

/** A form's Salvar button, at the right; nothing for a member who may only read (`canEdit` false). */
export function SaveRow({ loading, canEdit = true }: { loading: boolean; canEdit?: boolean }) {
  if (!canEdit) return null;
  return (
    <Group justify="flex-end">
      <Button type="submit" loading={loading}>
        {t('common.save')}
      </Button>
    </Group>
  );
}

/** A dialog form's buttons, at the right: Cancelar (closes it) and the submit button (Salvar unless named). */
export function DialogButtons({
  onCancel,
  loading,
  submitLabel = t('common.save'),
}: {
  onCancel: () => void;
  loading: boolean;
  submitLabel?: string;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {submitLabel}
      </Button>
    </Group>
  );
}
