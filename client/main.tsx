import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import '@scottish-government/design-system/dist/css/design-system.css';
import './styles/base.css';
import './styles/header.css';
import './styles/board.css';
import './styles/card.css';
import './styles/dialog.css';
import { App, PAGE_NOT_LOADED, pageFor } from './App.js';
import { startOpeningWorkshop } from './lib/workshopOpening.js';

// Asked of the server while the page's code is still on its way.
startOpeningWorkshop(window.location.pathname);

const root = createRoot(document.getElementById('root')!);
const draw = (page: ReactNode) =>
  root.render(
    <StrictMode>
      <App page={page} />
    </StrictMode>,
  );
pageFor(window.location.pathname).then(draw, () => draw(PAGE_NOT_LOADED));
