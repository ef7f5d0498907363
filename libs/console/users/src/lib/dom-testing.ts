/** Test helpers for this library's component specs: what a user does in the DOM. */

/** Types into an input as a user would (the `input` event is what the forms listen to). */
export function type(element: HTMLElement, selector: string, value: string): void {
  const input = element.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`${selector} not rendered`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

export function click(element: HTMLElement, selector: string): void {
  const target = element.querySelector<HTMLElement>(selector);
  if (!target) throw new Error(`${selector} not rendered`);
  target.click();
}

/** `HttpTestingController` flush options of a 400, whose body is the API's error shape. */
export const BAD_REQUEST = { status: 400, statusText: 'Bad Request' };
