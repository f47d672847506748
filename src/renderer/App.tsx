import type { StudioApi, StudioTransport } from '../shared/api';
import { FrameProvider } from './editor/FrameProvider';
import { ModelsPane } from './models/ModelsPane';
import { ProjectDialogPane } from './project/ProjectDialogPane';
import { Banners } from './shell/Banners';
import { SidePanel } from './shell/SidePanel';
import { StatusBar } from './shell/StatusBar';
import { StudioProvider } from './shell/StudioProvider';
import { TopBar } from './shell/TopBar';
import { TimelinePane } from './timeline/TimelinePane';
import { KeyboardShortcuts } from './tools/KeyboardShortcuts';
import { ToolPane } from './tools/ToolPane';
import { ViewerPane } from './viewer/ViewerPane';

interface AppProps {
  api: StudioApi;
  transport: StudioTransport;
}

/** The studio's layout: each pane reads what it shows from the providers and the editor's store. */
export function App({ api, transport }: AppProps) {
  return (
    <StudioProvider api={api} transport={transport}>
      <FrameProvider>
        <KeyboardShortcuts />
        <div className="app">
          <TopBar />
          <Banners />
          <ProjectDialogPane />
          <main className="workspace">
            <ToolPane />
            <ViewerPane />
            <SidePanel />
          </main>
          <TimelinePane />
          <StatusBar />
          <ModelsPane />
        </div>
      </FrameProvider>
    </StudioProvider>
  );
}
