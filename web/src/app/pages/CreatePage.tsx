import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/http';
import { INCIDENT_TYPES, PHASES, type AgendaPreset, type IncidentType, type Phase } from '../../sync/protocol';
import { incidentTypeLabel, phaseLabel } from '../../lib/labels';
import { links } from '../../lib/links';
import { storage } from '../../lib/storage';
import { browserZone, isValidZone, zoneList, zonedToUtcIso } from '../../lib/time';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { navigate } from '../router';
import { createdState } from './createdState';

const NINETY: Record<Phase, number> = { setTheRoom: 5, timeline: 20, rootCause: 25, contributingFactors: 10, actions: 20, close: 10 };

export function CreatePage() {
  const id = useId();
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState('');
  const [type, setType] = useState<IncidentType>('deployment');
  const [severity, setSeverity] = useState(2);
  const [zone, setZone] = useState(browserZone());
  const [preset, setPreset] = useState<AgendaPreset>('sixty');
  const [custom, setCustom] = useState<Record<Phase, number>>(NINETY);
  const [name, setName] = useState(storage.lastName() ?? '');
  const [preWork, setPreWork] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!isValidZone(zone)) {
      setError(`“${zone}” is not a time zone this browser knows. Use an IANA name such as Europe/London.`);
      return;
    }
    const incidentAt = zonedToUtcIso(when, zone);
    if (!incidentAt) {
      setError('Enter the incident date and time.');
      return;
    }
    setBusy(true);
    try {
      const response = await api.createBoard({
        title: title.trim(),
        incidentAt,
        incidentType: type,
        severity,
        facilitatorName: name.trim(),
        agendaPreset: preset,
        ...(preset === 'custom' ? { customAgenda: PHASES.map((p) => ({ phase: p, minutes: custom[p] })) } : {}),
        timeZone: zone,
        ...(preWork.trim() ? { preWork } : {}),
      });
      storage.saveAccess(response.boardId, { participantId: response.participantId, token: response.token, name: name.trim() });
      storage.saveLinks(response.boardId, { joinCode: response.joinCode, facilitatorSecret: response.facilitatorSecret, readKey: response.readKey });
      storage.saveLastName(name.trim());
      if (response.previousOpenActions?.length) storage.savePreviousActions(response.boardId, response.previousOpenActions);
      createdState.set(response);
      navigate(links.created(response.boardId));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <AppHeader />
      <main className="page narrow">
        <h1>New post-mortem</h1>
        <p className="lead">Best held within 48 hours of the incident, while memories are fresh.</p>
        <form className="create-form" onSubmit={(e) => void onSubmit(e)}>
          <div className="field">
            <label htmlFor={`${id}-title`}>Title</label>
            <input id={`${id}-title`} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Bad allocations after the pause-subscription API change" />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-when`}>Incident date and time</label>
              <input id={`${id}-when`} type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-zone`}>Time zone of the timeline</label>
              <input id={`${id}-zone`} list={`${id}-zones`} required value={zone} onChange={(e) => setZone(e.target.value)} />
              <datalist id={`${id}-zones`}>
                {zoneList().map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </div>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-type`}>Type</label>
              <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as IncidentType)}>
                {INCIDENT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {incidentTypeLabel[t]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-sev`}>Severity (1 = worst)</label>
              <select id={`${id}-sev`} value={severity} onChange={(e) => setSeverity(Number(e.target.value))}>
                {[1, 2, 3, 4, 5].map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <fieldset className="agenda">
            <legend>Agenda</legend>
            {(
              [
                ['sixty', '60 minutes — contributing factors folded into root cause'],
                ['ninety', '90 minutes — all six phases'],
                ['custom', 'Custom durations'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="radio">
                <input type="radio" name="agenda" value={value} checked={preset === value} onChange={() => setPreset(value)} /> {label}
              </label>
            ))}
            {preset === 'custom' && (
              <div className="custom-agenda">
                {PHASES.map((p) => (
                  <div className="field" key={p}>
                    <label htmlFor={`${id}-m-${p}`}>{phaseLabel[p]} (min)</label>
                    <input id={`${id}-m-${p}`} type="number" min={0} max={240} value={custom[p]} onChange={(e) => setCustom({ ...custom, [p]: Number(e.target.value) })} />
                  </div>
                ))}
              </div>
            )}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-name`}>Your name (facilitator)</label>
            <input id={`${id}-name`} required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
            <p className="hint">Ideally not the person most affected by the incident.</p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-pre`}>Pre-work: draft timeline (optional)</label>
            <textarea
              id={`${id}-pre`}
              rows={7}
              value={preWork}
              onChange={(e) => setPreWork(e.target.value)}
              placeholder={'2026-03-03 16:47 API change deployed\n2026-03-04 05:30 signal: reconciliation job ran, no alert fired\n2026-03-04 09:00 First customer emails'}
              spellCheck={false}
            />
            <p className="hint">One event per line: date, time (in the time zone above), what happened. Mark a signal with “signal:” after the time.</p>
          </div>
          <ErrorMessage error={error} />
          <button type="submit" className="primary big" disabled={busy}>
            {busy ? 'Creating…' : 'Create post-mortem'}
          </button>
        </form>
      </main>
    </>
  );
}
