/** Reads files as JSON; a file that is not JSON fails with its name in the message. */
export async function readJsonFiles(files: readonly File[]): Promise<unknown[]> {
  return Promise.all(
    files.map(async (file) => {
      const text = await file.text();
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new Error(`${file.name}: ${(error as Error).message}`);
      }
    }),
  );
}
