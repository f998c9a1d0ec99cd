import { resolveRun } from './src/run/resolveRun.ts';
import { toursOfResolvedRun } from './src/runner/runLane.ts';
import { formatCommand } from './src/commands/HarnessCommand.ts';
for (const sc of ['scenarios/default.yaml', 'scenarios/emulator.yaml']) {
  const { run, opened } = await resolveRun(sc, { save: false, reporters: [] }, { commandLine: 'x' });
  for (const t of toursOfResolvedRun(run)) console.log(sc, t.commands.length, t.commands.map(formatCommand).join(' '), '=>', t.targets.join(' '));
  await opened.dispose();
}
