/** The command line of run-all.mjs: --quick, --only a,b, --list, --markdown FILE. */

/** Parses `argv` (without node and the script); throws on an unknown option or benchmark name. */
export function parseOptions(argv, knownNames) {
  const options = { quick: false, list: false, only: [], markdown: undefined };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const [flag, inlineValue] =
      argument.startsWith('--') && argument.includes('=')
        ? argument.split(/=(.*)/s)
        : [argument, undefined];
    const value = () => {
      const next = inlineValue ?? argv[(index += 1)];
      if (next === undefined || next === '')
        throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--quick') options.quick = true;
    else if (flag === '--list') options.list = true;
    else if (flag === '--only')
      options.only.push(
        ...value()
          .split(',')
          .map(name => name.trim())
          .filter(Boolean),
      );
    else if (flag === '--markdown') options.markdown = value();
    else
      throw new Error(
        `unknown option ${argument} (known: --quick, --only a,b, --list, --markdown FILE)`,
      );
  }
  const unknown = options.only.filter(name => !knownNames.includes(name));
  if (unknown.length > 0)
    throw new Error(
      `unknown benchmark ${unknown.join(', ')} (known: ${knownNames.join(
        ', ',
      )})`,
    );
  return options;
}
