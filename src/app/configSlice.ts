import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ConfigProblem, KioskConfig } from './config';

export interface ConfigState {
  /** what the page's URL asked for and could not have (a bad `?hub=` entry); the header shows it */
  problems: ConfigProblem[];
  /** the kiosk's parameters (`?layout=`, `?screen=`, `?cursor=`, `?interactive=`) */
  kiosk: KioskConfig;
}

const initialState: ConfigState = {
  problems: [],
  kiosk: { layout: null, screen: null, hideCursor: false, interactive: true },
};

export const configSlice = createSlice({
  name: 'config',
  initialState,
  reducers: {
    configRead: (s, { payload }: PayloadAction<{ problems: ConfigProblem[]; kiosk?: KioskConfig }>) => {
      s.problems = payload.problems;
      if (payload.kiosk) s.kiosk = payload.kiosk;
    },
  },
  selectors: {
    selectConfigProblems: (s) => s.problems,
    selectKiosk: (s) => s.kiosk,
  },
});

export const { configRead } = configSlice.actions;
export const { selectConfigProblems, selectKiosk } = configSlice.selectors;
