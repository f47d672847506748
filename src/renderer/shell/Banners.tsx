import { RecoveryBanner } from '../project/RecoveryBanner';
import { ErrorBanner } from './ErrorBanner';
import { useStudio } from './StudioProvider';

/** The errors to read and the autosaved work to restore, under the top bar. */
export function Banners() {
  const { errors, recoveries, unsaved } = useStudio();
  return (
    <>
      <ErrorBanner errors={errors.errors} onDismiss={errors.dismiss} />
      <RecoveryBanner
        recoveries={recoveries.recoveries}
        onRestore={(id) => unsaved.guard('the recovered work', () => void recoveries.restore(id))}
        onDiscard={recoveries.discard}
      />
    </>
  );
}
