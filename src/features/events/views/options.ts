// Choice lists shared by the events filter and the submission form.

import { t } from '../../../platform/i18n/index.ts';
import { EVENT_MODES, EVENT_TYPES } from '../tables.ts';

export const typeOptions = () =>
  EVENT_TYPES.map((type) => ({ value: type, label: t(`events.type.${type}`) }));
export const modeOptions = () =>
  EVENT_MODES.map((mode) => ({ value: mode, label: t(`events.mode.${mode}`) }));
