import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@scottish-government/design-system/dist/css/design-system.css';
import './styles/base.css';
import './styles/header.css';
import './styles/board.css';
import './styles/card.css';
import './styles/dialog.css';
import { App } from './App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
