import { Link, useLocation } from 'react-router';
import { EmptyView } from '../components/StatusViews';
import { useDocumentTitle } from './useDocumentTitle';

export function NotFoundPage() {
  const { pathname } = useLocation();
  useDocumentTitle('Page not found');
  return (
    <div className="page">
      <h1 className="visually-hidden">Page not found</h1>
      <EmptyView title="Page not found">
        <p>
          There is no page at <code>{pathname}</code>. The link may be mistyped or from a newer version of
          Tracelens.
        </p>
        <p>
          <Link to="/search">Go to Search</Link>
        </p>
      </EmptyView>
    </div>
  );
}
