import { useState, type FormEvent } from 'react';
import { createWorkshopSchema, type CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop } from '../lib/api.js';
import { ErrorSummary, type FieldProblem } from '../ui/ErrorSummary.js';
import { limitOf } from '../ui/textLimit.js';
import { FormField } from './FormField.js';

const FIELD_IDS = { title: 'workshop-title', hostAuthority: 'host-authority', focusQuestion: 'focus-question' } as const;
type FieldName = keyof typeof FIELD_IDS;

export function CreateWorkshopForm({ onCreated }: { onCreated: (title: string, response: CreateWorkshopResponse) => void }) {
  const [values, setValues] = useState<Record<FieldName, string>>({ title: '', hostAuthority: '', focusQuestion: '' });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (name: FieldName) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const problemFor = (name: FieldName) => problems.find((p) => p.fieldId === FIELD_IDS[name])?.message;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setServerError(null);
    // The same rules the server applies, so that mistakes show before anything is sent.
    const parsed = createWorkshopSchema.safeParse({
      title: values.title,
      hostAuthority: values.hostAuthority || undefined,
      focusQuestion: values.focusQuestion || undefined,
    });
    if (!parsed.success) {
      setProblems(
        parsed.error.issues.map((issue) => ({
          fieldId: FIELD_IDS[(issue.path[0] as FieldName | undefined) ?? 'title'] ?? FIELD_IDS.title,
          message: issue.message,
        })),
      );
      return;
    }
    setProblems([]);
    setBusy(true);
    const result = await createWorkshop(parsed.data);
    setBusy(false);
    if (result.ok) onCreated(parsed.data.title, result.data);
    else setServerError(`The workshop was not created. ${result.message}`);
  }

  return (
    <form noValidate onSubmit={submit} className="create-form">
      <ErrorSummary problems={problems} general={serverError} />
      <FormField
        id={FIELD_IDS.title}
        label="Workshop title"
        hint="For example, “Improving outcomes in the Senior Phase”."
        value={values.title}
        onChange={set('title')}
        error={problemFor('title')}
        limit={limitOf('title')}
        required
      />
      <FormField
        id={FIELD_IDS.hostAuthority}
        label="Host authority (optional)"
        hint="The council whose service the team is looking at, for example “Dundee City Council”."
        value={values.hostAuthority}
        onChange={set('hostAuthority')}
        error={problemFor('hostAuthority')}
        limit={limitOf('hostAuthority')}
      />
      <FormField
        id={FIELD_IDS.focusQuestion}
        label="Focus question (optional)"
        hint="The question the team agreed at scoping. It is shown at the top of the board."
        value={values.focusQuestion}
        onChange={set('focusQuestion')}
        error={problemFor('focusQuestion')}
        limit={limitOf('focusQuestion')}
        multiline
      />
      <button type="submit" className="ds_button" aria-disabled={busy || undefined}>
        {busy ? 'Creating the workshop…' : 'Create workshop'}
      </button>
    </form>
  );
}
