import type { TFunction } from 'i18next';

/** A cabinet's mode as the console says it: "Dimmed to 40%", "On"… */
export const modeLabel = (t: TFunction, mode: string, level: number) =>
  mode === 'dim' ? t('lights.mode.dim', { level }) : t(`lights.mode.${mode}`);

/** A cabinet's schedule group by name; a group the texts do not know, as the hub named it. */
export const groupLabel = (t: TFunction, group: string | undefined) =>
  group ? t(`lights.group.${group}`, { defaultValue: group }) : t('lights.group.none');
