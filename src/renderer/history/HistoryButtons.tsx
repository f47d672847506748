import type { HistoryState } from '../../shared/api';
import { redoTitle, undoTitle } from './historyLabels';

interface HistoryButtonsProps {
  history: HistoryState | null;
  onUndo: () => void;
  onRedo: () => void;
}

export function HistoryButtons({ history, onUndo, onRedo }: HistoryButtonsProps) {
  return (
    <div className="history-buttons segmented" role="group" aria-label="History">
      <button type="button" data-testid="undo-button" disabled={!history?.canUndo} title={undoTitle(history)} aria-label={undoTitle(history)} onClick={onUndo}>
        ↶ Undo
      </button>
      <button type="button" data-testid="redo-button" disabled={!history?.canRedo} title={redoTitle(history)} aria-label={redoTitle(history)} onClick={onRedo}>
        Redo ↷
      </button>
    </div>
  );
}
