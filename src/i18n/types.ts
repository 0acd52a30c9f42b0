/**
 * The shapes every language catalog shares. English (en.ts) is the source: its keys are the message keys, and the
 * `{placeholders}` in its texts are the typed parameters of `t()`. Every other catalog translates the same keys.
 */

/** The languages Atelier speaks, as Discord names their locales. */
export const languages = ['en-US', 'it', 'de', 'fr', 'es-ES', 'pt-BR', 'ja', 'pl'] as const;
export type Lang = (typeof languages)[number];

/**
 * One message: a text with `{name}` placeholders, or plural forms chosen by `Intl.PluralRules` on the `count`
 * parameter (CLDR categories; `other` is required and is the fallback for a category a catalog leaves out).
 */
export type PluralText = { readonly other: string } & {
  readonly [C in Exclude<Intl.LDMLPluralRule, 'other'>]?: string;
};
export type MessageText = string | PluralText;

/** How a command, an option or a subcommand is called and described in one language. */
export interface CommandText {
  readonly name: string;
  /** Required for slash commands and their options; context-menu commands have no description on Discord. */
  readonly description?: string;
  /** Options and subcommands, by their English name. */
  readonly options?: Readonly<Record<string, CommandText>>;
  /** Choice names, by the choice's value. */
  readonly choices?: Readonly<Record<string, string>>;
}

/** What a language module exports. */
export interface Catalog<Keys extends string = string> {
  readonly lang: Lang;
  readonly messages: { readonly [K in Keys]?: MessageText };
  /** Command localisations, by the command's English (default) name. English itself has none: the default is English. */
  readonly commands: Readonly<Record<string, CommandText>>;
}

type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type TextsOf<V> = V extends string
  ? V
  : V extends Record<string, string | undefined>
    ? Exclude<V[keyof V], undefined>
    : never;

/**
 * A parameter's value: numbers are formatted for the language (Intl.NumberFormat); strings are shown as they are;
 * a phrase (i18n's `phrase`) is another message, said in the same language.
 */
export type ParamValue = string | number | Phrase;
export type Phrase = (lang: Lang) => string;

/** The parameters a message needs, from the placeholders of its English text; a plural message also needs `count`. */
export type ParamsFor<V> = { readonly [P in Placeholders<TextsOf<V>>]: ParamValue } & (V extends string
  ? unknown
  : { readonly count: number });
