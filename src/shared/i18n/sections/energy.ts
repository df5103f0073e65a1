// The energy texts, in a file of their own so that the lighting work can grow them apart from the rest.
// vi is the default; en must hold the same keys (i18n.test.ts checks the merged tables).
export const energyVi = {
  title: 'Năng lượng chiếu sáng',
} as const;

export const energyEn: { [K in keyof typeof energyVi]: string } = {
  title: 'Lighting energy',
};
