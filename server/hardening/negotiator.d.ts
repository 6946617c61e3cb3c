// negotiator (the content negotiation Apollo Server and Express use) ships no types: the one method used here.
declare module "negotiator" {
  export default class Negotiator {
    constructor(request: { headers: { accept?: string } });
    /** The most preferred of `available` by the Accept header, or undefined when none is acceptable. */
    mediaType(available: string[]): string | undefined;
  }
}
