/** Bad input for a generate command: the message is one line, shown as is (exit status 2, an error in the editor). */
export class GenerateInputError extends Error {}
