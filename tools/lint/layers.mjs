// ESLint rule `layers/floors`: the server's floors (STYLE.md, "Layering"). Each relative import of a
// file under `root` is resolved and must land on the file's own floor or on one the floor may use;
// a file on no listed floor is reported too, so a new folder has to be placed on purpose.
import path from 'node:path';

/** The floor of a file: its first folder under root, or its own name (without extension) for a file at root. */
function floorOf(relative) {
  const [first, ...rest] = relative.split(path.sep);
  return rest.length > 0 ? first : first.replace(/\.(d\.)?[cm]?[jt]sx?$/, '');
}

const floors = {
  meta: {
    type: 'problem',
    docs: { description: 'An import may only reach its own floor or a floor below it (STYLE.md, "Layering").' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          floors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        required: ['root', 'floors'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward: "'{{from}}' may not import from '{{to}}' ('{{from}}' may use: {{allowed}}).",
      unplaced: "'{{from}}' is on no floor: place it in the floors of eslint.config.mjs.",
    },
  },
  create(context) {
    const { root, floors: allowedBy } = context.options[0];
    const rootDir = path.resolve(context.cwd, root);
    const file = context.filename;
    const fromRelative = path.relative(rootDir, file);
    if (fromRelative.startsWith('..') || path.isAbsolute(fromRelative)) return {};
    const from = floorOf(fromRelative);
    const allowed = allowedBy[from];

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      if (!allowed) {
        context.report({ node, messageId: 'unplaced', data: { from } });
        return;
      }
      const target = path.relative(rootDir, path.resolve(path.dirname(file), source));
      if (target.startsWith('..') || path.isAbsolute(target)) return;
      const to = floorOf(target);
      if (to === from || allowed.includes(to)) return;
      context.report({ node, messageId: 'upward', data: { from, to, allowed: allowed.join(', ') || 'nothing' } });
    }

    const fromLiteral = (node) => (node?.type === 'Literal' ? node.value : undefined);
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, fromLiteral(node.source)),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node, fromLiteral(node.moduleReference.expression)),
      'CallExpression[callee.name="require"]': (node) => check(node, fromLiteral(node.arguments[0])),
    };
  },
};

export default { meta: { name: 'layers' }, rules: { floors } };
