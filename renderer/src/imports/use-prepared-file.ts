import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeImportError } from './import-mapping';

/**
 * An import screen's file: chosen, sent and prepared (`prepare` uploads it and names it in the prepare call), the
 * answer kept with the file's name; what went wrong said in words under the file field (`fileField`). `forget` runs
 * whenever the file is chosen again or put away: the screen drops what it knew of the last file's runs.
 */
export function usePreparedFile<P>(fileField: string, prepare: (file: File) => Promise<P>, forget: () => void) {
  const { t } = useTranslation();
  const [prepared, setPrepared] = useState<(P & { fileName: string }) | null>(null);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // A new key empties the file field (a fresh chooser) when the screen starts over.
  const [fileKey, setFileKey] = useState(0);

  const choose = async (file: File | undefined): Promise<P | null> => {
    setProblem(null);
    setPrepared(null);
    forget();
    if (!file) return null;
    setUploading(true);
    try {
      const answer = await prepare(file);
      setPrepared({ ...answer, fileName: file.name });
      return answer;
    } catch (error) {
      setProblem(describeImportError(t, error, fileField));
      return null;
    } finally {
      setUploading(false);
    }
  };

  const startOver = () => {
    setPrepared(null);
    setProblem(null);
    forget();
    setFileKey((key) => key + 1);
  };

  return {
    prepared,
    uploading,
    problem,
    setProblem,
    /** A refusal of a later call on the same file, said as the file's. */
    failed: (error: unknown) => setProblem(describeImportError(t, error, fileField)),
    fileKey,
    choose,
    startOver,
  };
}
