// DBRX uses GPT-4's cl100k_base vocabulary; every token count in the app goes through this module.
import { countTokens, decode, encode } from "gpt-tokenizer/encoding/cl100k_base";

export const TOKENIZER_NAME = "cl100k_base";

export { countTokens, decode, encode };
