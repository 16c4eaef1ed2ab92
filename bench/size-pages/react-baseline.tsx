// React + ReactDOM alone: the baseline every "over React" number below is added to.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<div />);
