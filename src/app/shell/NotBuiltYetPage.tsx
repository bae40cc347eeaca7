import { Link } from 'react-router';
import { EmptyView } from '../components/StatusViews';
import { useDocumentTitle } from './useDocumentTitle';

interface NotBuiltYetPageProps {
  view: string;
  /** What the view will do once it exists, in one sentence. */
  purpose: string;
}

/** An honest placeholder for a view on the roadmap, so the navigation never dead-ends. */
export function NotBuiltYetPage({ view, purpose }: NotBuiltYetPageProps) {
  useDocumentTitle(view);
  return (
    <div className="page">
      <h1 className="visually-hidden">{view}</h1>
      <EmptyView title={`${view} is not built yet`}>
        <p>{purpose}</p>
        <p>
          Until then, <Link to="/search">search for traces</Link> to see what your services are doing.
        </p>
      </EmptyView>
    </div>
  );
}
