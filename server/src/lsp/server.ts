/** Language server entry point (filled in with the protocol layer). */
export async function serve(_args: string[]): Promise<number> {
  process.stderr.write('alloy-analyzer: serve is not available yet\n');
  return 2;
}
