import type { Phase } from '../../sync/protocol';
import { useBoard } from './BoardContext';
import { ActionsPhase } from '../phases/ActionsPhase';
import { ClosePhase } from '../phases/ClosePhase';
import { ContributingFactorsPhase } from '../phases/ContributingFactorsPhase';
import { RootCausePhase } from '../phases/RootCausePhase';
import { SetTheRoomPhase } from '../phases/SetTheRoomPhase';
import { TimelinePhase } from '../phases/TimelinePhase';

/** The current phase's screen shows every phase Core folds into it (Affordances.screenPhases, e.g. contributing
 * factors under root cause in the 60-minute agenda); another phase looked at shows alone. */
export function PhasePanel({ phase }: { phase: Phase }) {
  const { can } = useBoard();
  const phases = phase === can.lookAt ? can.screenPhases : [phase];
  return (
    <>
      {phases.map((p) => (
        <OnePhase key={p} phase={p} />
      ))}
    </>
  );
}

function OnePhase({ phase }: { phase: Phase }) {
  switch (phase) {
    case 'setTheRoom':
      return <SetTheRoomPhase />;
    case 'timeline':
      return <TimelinePhase />;
    case 'rootCause':
      return <RootCausePhase />;
    case 'contributingFactors':
      return <ContributingFactorsPhase />;
    case 'actions':
      return <ActionsPhase />;
    case 'close':
      return <ClosePhase />;
  }
}
