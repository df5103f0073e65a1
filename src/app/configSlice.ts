import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ConfigProblem } from './hubList';

export interface ConfigState {
  /** what the page's URL asked for and could not have (a bad `?hub=` entry); the header shows it */
  problems: ConfigProblem[];
}

const initialState: ConfigState = { problems: [] };

export const configSlice = createSlice({
  name: 'config',
  initialState,
  reducers: {
    configRead: (s, { payload }: PayloadAction<{ problems: ConfigProblem[] }>) => {
      s.problems = payload.problems;
    },
  },
  selectors: {
    selectConfigProblems: (s) => s.problems,
  },
});

export const { configRead } = configSlice.actions;
export const { selectConfigProblems } = configSlice.selectors;
