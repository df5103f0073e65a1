import type { TFunction } from 'i18next';

/** A cabinet's mode as the console says it: "Dimmed to 40%", "On"… */
export const modeLabel = (t: TFunction, mode: string, level: number) =>
  mode === 'dim' ? t('lighting.mode.dim', { level }) : t(`lighting.mode.${mode}`);

/** A cabinet's schedule group by name; a group the texts do not know, as the hub named it. */
export const groupLabel = (t: TFunction, group: string | undefined) =>
  group ? t(`lighting.group.${group}`, { defaultValue: group }) : t('lighting.group.none');
