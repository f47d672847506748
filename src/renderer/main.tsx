import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient, defaultTransport } from './api/client';
import { App } from './App';
import './styles.css';

const transport = defaultTransport();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={createApiClient(transport)} transport={transport} />
  </StrictMode>,
);
