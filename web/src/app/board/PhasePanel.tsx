import type { Phase } from '../../sync/protocol';
import { ActionsPhase } from '../phases/ActionsPhase';
import { ClosePhase } from '../phases/ClosePhase';
import { ContributingFactorsPhase } from '../phases/ContributingFactorsPhase';
import { RootCausePhase } from '../phases/RootCausePhase';
import { SetTheRoomPhase } from '../phases/SetTheRoomPhase';
import { TimelinePhase } from '../phases/TimelinePhase';

export function PhasePanel({ phase }: { phase: Phase }) {
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
