/** A dictionary's shape with every leaf widened to `string`: what each translation must match. */
export type Widen<Tree> = { readonly [Key in keyof Tree]: Tree[Key] extends string ? string : Widen<Tree[Key]> };
