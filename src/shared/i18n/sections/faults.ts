// The lighting-fault texts, in a file of their own so that the lighting work can grow them apart from
// the rest. vi is the default; en must hold the same keys (i18n.test.ts checks the merged tables).
export const faultsVi = {
  title: 'Sự cố chiếu sáng',
  /** by LAMP_FAULT_KINDS (src/shared/lights/faults.ts), and a cabinet that stopped answering */
  kind: {
    'lamp-failure': 'Đèn hỏng',
    'day-burning': 'Sáng ban ngày',
    'wrong-level': 'Sai mức sáng',
    'not-switched': 'Không theo lệnh',
    'cabinet-offline': 'Tủ mất kết nối',
  },
  none: 'Không có sự cố',
  offlineNote: '(chỉ tính đèn hỏng)',
} as const;

export const faultsEn: {
  [K in keyof typeof faultsVi]: K extends 'kind' ? Record<keyof (typeof faultsVi)['kind'], string> : string;
} = {
  title: 'Lighting faults',
  kind: {
    'lamp-failure': 'Lamp failure',
    'day-burning': 'Burning by day',
    'wrong-level': 'Wrong dim level',
    'not-switched': 'Missed switch',
    'cabinet-offline': 'Cabinet offline',
  },
  none: 'No faults',
  offlineNote: '(lamp failures only)',
};
