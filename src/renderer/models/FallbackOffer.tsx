import { ProgressBar } from '../jobs/ProgressBar';
import type { Download, Note } from './downloadState';
import { downloadText, percentOf } from './modelsView';
import type { TrackerOffer } from './trackerOffer';

interface FallbackOfferProps {
  offer: TrackerOffer;
  /** The offered model's download in flight, and the last word on it (shared with the Models panel). */
  download: Download | undefined;
  note: Note | undefined;
  onDownload: () => void;
}

/** Beside the fallback reason: the model that ends the fallback, what it costs, and one button that fetches it. */
export function FallbackOffer({ offer, download, note, onDownload }: FallbackOfferProps) {
  const { model, size } = offer;
  const facts = [size, model.licence].filter(Boolean).join(', ');
  return (
    <span className="fallback-offer" data-testid="fallback-offer">
      {download ? (
        <>
          <ProgressBar testId="fallback-download-progress" percent={percentOf(download.done, download.total)} label={`Download of ${model.title}`} />
          <span className="mono">{downloadText(download.done, download.total)}</span>
        </>
      ) : (
        offer.downloadable && (
          <button type="button" className="primary" data-testid="fallback-download" title={`Download ${model.title} into the models folder`} onClick={onDownload}>
            Get {model.title}
            {facts ? ` (${facts})` : ''}
          </button>
        )
      )}
      {note && (
        <span className={note.error ? 'warning' : ''} data-testid="fallback-note" title={note.text}>
          {note.error || offer.downloadable ? note.text : `${note.text} Open the clip again to track with ${model.title}.`}
        </span>
      )}
    </span>
  );
}
