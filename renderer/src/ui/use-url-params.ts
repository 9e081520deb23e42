import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A screen's filters kept in the URL, so coming back from a record finds the same list. `setParams` changes some keys
 * at once (an empty value drops the key) and replaces the history entry: filtering a list is not a step to go back to.
 */
export function useUrlParams(): [URLSearchParams, (changes: Record<string, string | undefined>) => void] {
  const [params, setSearchParams] = useSearchParams();
  const setParams = useCallback(
    (changes: Record<string, string | undefined>) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return [params, setParams];
}
