import { Navigate, useLocation } from 'react-router';

/** `/` goes to Search, keeping any query so old `/?service=...` links still search. */
export function RedirectToSearch() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/search', search }} replace />;
}
