import { ConfirmButton } from '../common/ConfirmButton';
import { useBoard } from './BoardContext';

/** Who is here, who is online and who marked themselves ready for this phase. */
export function PeopleList({ isOnline }: { isOnline: (id: string) => boolean }) {
  const { view, myId, can, submit } = useBoard();
  const people = view.participants.filter((p) => !p.removed && !p.left);
  return (
    <section className="people" aria-labelledby="people-title">
      <h2 id="people-title">
        People <span className="count">{view.derived.ready}/{view.derived.present} ready</span>
      </h2>
      <ul>
        {people.map((p) => {
          const online = p.id === myId || isOnline(p.id);
          const isFac = p.role === 'facilitator';
          return (
            <li key={p.id} className={`person ${online ? 'online' : 'away'}`} data-testid="person">
              <span className={`presence-dot ${online ? 'online' : 'away'}`} aria-label={online ? 'online' : 'not seen recently'} />
              <span className="person-name">
                {p.name}
                {p.id === myId && ' (you)'}
              </span>
              {isFac && <span className="tag">facilitator</span>}
              {p.agreedPrimeDirective && (
                <span className="tag soft" title="Agreed to the Prime Directive">
                  agreed
                </span>
              )}
              {p.ready && <span className="tag ready">ready</span>}
              {can.facilitates && can.mayChange && p.id !== myId && (
                <span className="person-actions">
                  <ConfirmButton
                    label="Hand over"
                    ariaLabel={`Hand the facilitator role to ${p.name}`}
                    question={`Make ${p.name} the facilitator?`}
                    confirmLabel="Hand over"
                    onConfirm={() => void submit({ type: 'handOver', participantId: p.id })}
                  />
                  <ConfirmButton
                    label="Remove"
                    ariaLabel={`Remove ${p.name}`}
                    question={`Remove ${p.name} from this post-mortem?`}
                    confirmLabel="Remove"
                    danger
                    onConfirm={() => void submit({ type: 'removeParticipant', participantId: p.id })}
                  />
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
