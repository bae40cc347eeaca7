import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { ErrorView } from '../components/StatusViews';

/** Shown when a page throws while rendering; the top bar stays so the reader can move on. */
export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <div className="page">
      <ErrorView title="This page failed to display" message={message}>
        <p>
          <Link to="/search">Go to Search</Link> or reload the page. If it happens again, please report it
          with the message above.
        </p>
      </ErrorView>
    </div>
  );
}
