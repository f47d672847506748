import { useStudio } from '../shell/StudioProvider';
import { ModelsPanel } from './ModelsPanel';

/** The models panel, opened from the top bar or an error that names a model. */
export function ModelsPane() {
  const { models, modelsPanel } = useStudio();
  return <ModelsPanel models={models} open={modelsPanel.open} onClose={modelsPanel.close} />;
}
