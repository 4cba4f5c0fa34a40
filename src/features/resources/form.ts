import { type ResourceInput, StepKey } from './schemas.ts';
import { newStepKey } from './service.ts';

/**
 * The editor's form, which works without JavaScript: steps are repeated fields in order
 * (`step_key`, `step_title`, `step_body`, `step_checklist`, one per step, all always submitted),
 * and buttons named `action` add, move or remove steps by re-rendering the form unsaved.
 */
export interface StepForm {
  key: string;
  title: string;
  body: string;
  /** One item per line. */
  checklist: string;
  resources: string[];
}

export interface ResourceFormModel {
  title: string;
  summary: string;
  body: string;
  kind: string;
  audience: string;
  issueAreas: string[];
  /** "team:SLUG", "group:SLUG" or "". */
  author: string;
  /** One per line: "Label | https://…" or just the address. */
  links: string;
  lastReviewedOn: string;
  featured: boolean;
  eventQuery: string;
  steps: StepForm[];
  attachments: { id: number; step: string }[];
  /** Where newly uploaded files go: a step key or "" (the whole resource). */
  newAttachmentStep: string;
  /** The revision the editor started from (conflict detection). */
  baseRevision: string;
}

export type FormAction =
  | { type: 'draft' }
  | { type: 'publish' }
  | { type: 'preview' }
  | { type: 'add-step' }
  | { type: 'remove-step'; key: string }
  | { type: 'move-up'; key: string }
  | { type: 'move-down'; key: string }
  | { type: 'remove-attachment'; id: number };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function blankStep(): StepForm {
  return { key: newStepKey(), title: '', body: '', checklist: '', resources: [] };
}

export function emptyModel(kind: string): ResourceFormModel {
  return {
    title: '',
    summary: '',
    body: '',
    kind,
    audience: 'everyone',
    issueAreas: [],
    author: '',
    links: '',
    lastReviewedOn: '',
    featured: false,
    eventQuery: '',
    steps: kind === 'toolkit' ? [blankStep(), blankStep(), blankStep()] : [],
    attachments: [],
    newAttachmentStep: '',
    baseRevision: '',
  };
}

export function parseAction(value: unknown): FormAction {
  const raw = text(Array.isArray(value) ? value[value.length - 1] : value);
  const [type, arg = ''] = raw.split(':', 2);
  switch (type) {
    case 'publish':
    case 'preview':
    case 'add-step':
      return { type };
    case 'remove-step':
    case 'move-up':
    case 'move-down':
      return { type, key: arg };
    case 'remove-attachment':
      return { type, id: Number(arg) || 0 };
    default:
      return { type: 'draft' };
  }
}

/** Gathers the submitted fields (as readForm returns them) into the form model. */
export function readResourceForm(values: Record<string, unknown>): {
  model: ResourceFormModel;
  action: FormAction;
  files: File[];
} {
  const keys = list(values.step_key).map(text);
  const titles = list(values.step_title).map(text);
  const bodies = list(values.step_body).map(text);
  const checklists = list(values.step_checklist).map(text);
  const steps: StepForm[] = keys.map((key, index) => ({
    key: StepKey.safeParse(key).success ? key : newStepKey(),
    title: titles[index] ?? '',
    body: bodies[index] ?? '',
    checklist: checklists[index] ?? '',
    resources: list(values[`step_resources_${key}`]).map(text).filter(Boolean),
  }));
  const attachmentIds = list(values.attachment_id).map((v) => Number(text(v)));
  const attachmentSteps = list(values.attachment_step).map(text);
  const files = list(values.attachment).filter(
    (value): value is File => value instanceof File && (value.size > 0 || value.name !== ''),
  );
  return {
    model: {
      title: text(values.title),
      summary: text(values.summary),
      body: text(values.body),
      kind: text(values.kind),
      audience: text(values.audience) || 'everyone',
      issueAreas: list(values.issueAreas).map(text).filter(Boolean),
      author: text(values.author),
      links: text(values.links),
      lastReviewedOn: text(values.lastReviewedOn),
      featured: text(values.featured) === 'on',
      eventQuery: text(values.eventQuery),
      steps,
      attachments: attachmentIds
        .map((id, index) => ({ id, step: attachmentSteps[index] ?? '' }))
        .filter((a) => Number.isInteger(a.id) && a.id > 0),
      newAttachmentStep: text(values.new_attachment_step),
      baseRevision: text(values.baseRevision),
    },
    action: parseAction(values.action),
    files,
  };
}

export function parseLinks(textValue: string): { label: string; url: string }[] {
  return textValue
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.lastIndexOf('|');
      if (bar < 0) return { label: '', url: line };
      return { label: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
    });
}

function isBlankStep(step: StepForm): boolean {
  return !step.title.trim() && !step.body.trim() && !step.checklist.trim();
}

/** The model as API-shaped input, for the shared zod schema. Blank steps are dropped. */
export function inputFromModel(model: ResourceFormModel): Record<string, unknown> {
  const [authorType, ...rest] = model.author.split(':');
  const authorSlug = rest.join(':');
  return {
    title: model.title,
    summary: model.summary,
    body: model.body,
    kind: model.kind || undefined,
    audience: model.audience,
    issueAreas: model.issueAreas,
    team: authorType === 'team' && authorSlug ? authorSlug : undefined,
    group: authorType === 'group' && authorSlug ? authorSlug : undefined,
    links: parseLinks(model.links),
    lastReviewedOn: model.lastReviewedOn || null,
    featured: model.featured,
    eventQuery: model.eventQuery,
    steps: model.steps
      .filter((step) => !isBlankStep(step))
      .map((step) => ({
        key: step.key,
        title: step.title,
        body: step.body.replace(/\r\n/g, '\n'),
        checklist: step.checklist
          .split(/\r?\n/)
          .map((item) => item.replace(/^\s*(?:[-*]\s*)?(?:\[[ xX]?\]\s*)?/, '').trim())
          .filter(Boolean),
        resources: step.resources,
      })),
  };
}

/**
 * Step errors name the step's position among the non-blank steps; map them back to the index
 * of the step in the form so the message sits beside the right field.
 */
export function stepIndexMap(model: ResourceFormModel): number[] {
  const map: number[] = [];
  model.steps.forEach((step, index) => {
    if (!isBlankStep(step)) map.push(index);
  });
  return map;
}

export function modelFromInput(
  input: ResourceInput,
  extra: Pick<ResourceFormModel, 'attachments' | 'baseRevision'>,
): ResourceFormModel {
  return {
    title: input.title,
    summary: input.summary,
    body: input.body,
    kind: input.kind,
    audience: input.audience,
    issueAreas: input.issueAreas,
    author: input.team ? `team:${input.team}` : input.group ? `group:${input.group}` : '',
    links: input.links
      .map((link) => (link.label ? `${link.label} | ${link.url}` : link.url))
      .join('\n'),
    lastReviewedOn: input.lastReviewedOn ?? '',
    featured: input.featured,
    eventQuery: input.eventQuery,
    steps: input.steps.map((step) => ({
      key: step.key ?? newStepKey(),
      title: step.title,
      body: step.body,
      checklist: step.checklist.join('\n'),
      resources: step.resources,
    })),
    attachments: extra.attachments,
    newAttachmentStep: '',
    baseRevision: extra.baseRevision,
  };
}

/** Applies a button that changes the form's shape (not its saving). */
export function applyShapeAction(model: ResourceFormModel, action: FormAction): ResourceFormModel {
  const steps = [...model.steps];
  const index = 'key' in action ? steps.findIndex((step) => step.key === action.key) : -1;
  switch (action.type) {
    case 'add-step':
      steps.push(blankStep());
      break;
    case 'remove-step':
      if (index >= 0) steps.splice(index, 1);
      break;
    case 'move-up':
      if (index > 0) [steps[index - 1], steps[index]] = [steps[index]!, steps[index - 1]!];
      break;
    case 'move-down':
      if (index >= 0 && index < steps.length - 1) {
        [steps[index + 1], steps[index]] = [steps[index]!, steps[index + 1]!];
      }
      break;
    default:
      return model;
  }
  return { ...model, steps };
}
