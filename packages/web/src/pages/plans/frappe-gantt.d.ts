// frappe-gantt ships no type declarations; this is the part the plan timeline uses.
declare module 'frappe-gantt' {
  export default class Gantt {
    constructor(
      element: HTMLElement,
      tasks: Array<{ id: string; name: string; start: string; end: string; progress: number; custom_class?: string; description?: string }>,
      options?: Record<string, unknown>,
    );
  }
}
