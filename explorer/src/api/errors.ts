/**
 * What the explorer tells a person when something fails: one French sentence that says what
 * happened and what to do, for every error the API, the exports or the network can give. The API's
 * own messages are English and meant for developers: they are kept on the error (for the console)
 * but never shown.
 */

/** An error of the API, an export or the network, with what the explorer needs to explain it. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** The most precise code: the BAD_USER_INPUT `reason` when there is one, else `extensions.code` (or NETWORK_ERROR, UNREADABLE_RESPONSE). */
    readonly code?: string,
    readonly details: { status?: number; apiCode?: string; reason?: string; argument?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

/** What to show: the sentence, and whether trying again can help (then after how long, if the server said). */
export interface Explanation {
  message: string;
  retry: boolean;
  retryAfterSeconds?: number;
}

/** An explanation whose wording changes when the server says how long to wait (Retry-After). */
interface Known extends Explanation {
  waiting?: (seconds: number) => string;
}

const AGAIN_SOON = "Réessayez dans quelques instants.";
const CHECK_LINK = "Le lien est sans doute incomplet ou mal copié : repartez de la carte, du tableau de bord ou de la recherche.";
const TOO_BIG = "Cette demande est trop grande pour le serveur. Restreignez-la : un territoire plus petit, moins de critères.";
const RELOAD = "L'explorateur n'est plus à jour par rapport au serveur. Rechargez la page ; si l'erreur revient, signalez-la à l'équipe Maillage.";

/** By the most precise code (see ApiError.code). */
const BY_CODE: Record<string, Known> = {
  NETWORK_ERROR: { message: "Le serveur Maillage ne répond pas : la connexion est peut-être coupée, ou le service redémarre. Vérifiez votre connexion, puis réessayez.", retry: true },
  SERVICE_UNAVAILABLE: {
    message: `Le service est momentanément indisponible. ${AGAIN_SOON}`, retry: true,
    waiting: (s) => `Le service est momentanément indisponible. Réessayez dans ${s} s.`,
  },
  SHUTTING_DOWN: { message: `Le service redémarre. ${AGAIN_SOON}`, retry: true, waiting: (s) => `Le service redémarre. Réessayez dans ${s} s.` },
  RATE_LIMITED: {
    message: "Trop de demandes ont été envoyées en peu de temps. Patientez un peu, puis réessayez.", retry: true,
    waiting: (s) => `Trop de demandes ont été envoyées en peu de temps. Patientez ${s} s, puis réessayez.`,
  },
  INTERNAL_SERVER_ERROR: { message: "Le serveur a rencontré une erreur inattendue. Réessayez ; si l'erreur revient, signalez-la à l'équipe Maillage.", retry: true },
  UNREADABLE_RESPONSE: { message: `Le serveur a envoyé une réponse incompréhensible. ${AGAIN_SOON}`, retry: true },
  INVALID_ID: { message: `L'adresse de cette page désigne une fiche qui n'existe pas. ${CHECK_LINK}`, retry: false },
  UNKNOWN_REFERENCE: { message: `Un territoire, un QPV ou un thème demandé n'existe pas (ou plus). ${CHECK_LINK}`, retry: false },
  MALFORMED: { message: `Un critère de l'adresse de cette page est mal formé. ${CHECK_LINK}`, retry: false },
  OUT_OF_RANGE: { message: "Une valeur demandée sort des limites permises (une date, un nombre). Corrigez-la ou repartez de la carte.", retry: false },
  INVALID_CURSOR: { message: "La suite de cette liste n'est plus disponible. Rechargez la page pour reprendre la liste depuis le début.", retry: false },
  TOO_LARGE: { message: TOO_BIG, retry: false },
  BAD_USER_INPUT: { message: `La demande n'a pas été comprise. ${CHECK_LINK}`, retry: false },
  QUERY_TOO_DEEP: { message: TOO_BIG, retry: false },
  QUERY_TOO_NESTED: { message: TOO_BIG, retry: false },
  QUERY_TOO_COSTLY: { message: TOO_BIG, retry: false },
  TOO_MANY_ALIASES: { message: TOO_BIG, retry: false },
  TOO_MANY_DIRECTIVES: { message: TOO_BIG, retry: false },
  TOO_MANY_TOKENS: { message: TOO_BIG, retry: false },
  TOO_MANY_SELECTIONS: { message: TOO_BIG, retry: false },
  VARIABLES_TOO_DEEP: { message: TOO_BIG, retry: false },
  PAYLOAD_TOO_LARGE: { message: TOO_BIG, retry: false },
  BATCHING_NOT_SUPPORTED: { message: RELOAD, retry: false },
  GRAPHQL_PARSE_FAILED: { message: RELOAD, retry: false },
  GRAPHQL_VALIDATION_FAILED: { message: RELOAD, retry: false },
  OPERATION_NOT_REGISTERED: { message: RELOAD, retry: false },
  OPERATION_RESOLUTION_FAILURE: { message: RELOAD, retry: false },
  PERSISTED_QUERY_NOT_FOUND: { message: RELOAD, retry: false },
  PERSISTED_QUERY_NOT_SUPPORTED: { message: RELOAD, retry: false },
  BAD_REQUEST: { message: RELOAD, retry: false },
  UNAUTHENTICATED: { message: "Ces données demandent d'être connecté, et l'explorateur ne montre que les données publiques. Revenez à la carte.", retry: false },
  FORBIDDEN: { message: "Ces données ne sont pas publiques : l'explorateur ne peut pas les afficher. Revenez à la carte.", retry: false },
  NOT_FOUND: { message: `Ce que cette page demande n'existe pas (ou plus). ${CHECK_LINK}`, retry: false },
};

const UNEXPECTED: Explanation = { message: "Une erreur inattendue s'est produite. Réessayez ; si elle revient, rechargez la page.", retry: true };

/** A failure to load a piece of the explorer itself (a page's script), which a fresh page load fixes. */
export function isModuleLoadFailure(error: unknown): boolean {
  return error instanceof TypeError && /dynamically imported module|importing a module script|module script failed/i.test(error.message);
}

/** The French explanation of any error the explorer can meet. */
export function explain(error: unknown): Explanation {
  if (error instanceof ApiError) {
    const known = (error.code && BY_CODE[error.code]) || (error.details.apiCode && BY_CODE[error.details.apiCode]);
    const status = error.details.status ?? 0;
    const explanation: Known = known || (status === 502 || status === 503 || status === 504 ? BY_CODE.SERVICE_UNAVAILABLE : status >= 500 ? BY_CODE.INTERNAL_SERVER_ERROR : UNEXPECTED);
    const wait = error.details.retryAfterSeconds;
    const { message, retry } = explanation;
    if (retry && wait && wait > 0) return { message: explanation.waiting?.(wait) ?? message, retry, retryAfterSeconds: wait };
    return { message, retry };
  }
  // fetch() fails with a TypeError when the server cannot be reached; so does loading a page's script.
  if (error instanceof TypeError && (isModuleLoadFailure(error) || /fetch|network|load failed/i.test(error.message))) {
    return { message: BY_CODE.NETWORK_ERROR.message, retry: true };
  }
  return UNEXPECTED;
}

/** The seconds of a Retry-After header (a number of seconds, or an HTTP date), if any. */
export function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : undefined;
}

/** The GraphQL-shaped error body of a refused request (`{ errors: [{ message, extensions }] }`), as an ApiError. */
export function errorFromBody(body: any, status: number, headers: Headers): ApiError {
  const first = body?.errors?.[0];
  const extensions = first?.extensions ?? {};
  const wait = retryAfter(headers.get("retry-after")) ?? (typeof extensions.retryAfterSeconds === "number" ? extensions.retryAfterSeconds : undefined);
  return new ApiError(String(first?.message ?? `HTTP ${status}`), extensions.reason ?? extensions.code, {
    status, apiCode: extensions.code, reason: extensions.reason, argument: extensions.argument, retryAfterSeconds: wait,
  });
}
